/**
 * Ids of the commands this build registers (`mlflow.<area>.<verb>`). package.json contributes
 * more, hidden from the palette until their handlers exist; scripts/check-contributions.ts keeps
 * the two lists honest.
 */
export const COMMANDS = {
  connectServer: 'mlflow.connection.connectServer',
  openLocalStore: 'mlflow.connection.openLocalStore',
  pickConnection: 'mlflow.connection.pick',
  showConnectionDetails: 'mlflow.connection.showDetails',
  testConnection: 'mlflow.connection.test',
  signIn: 'mlflow.connection.signIn',
  signOut: 'mlflow.connection.signOut',
  switchConnection: 'mlflow.connection.switch',
  renameConnection: 'mlflow.connection.rename',
  removeConnection: 'mlflow.connection.remove',
  startLocalServer: 'mlflow.connection.startLocalServer',
  switchWorkspace: 'mlflow.connection.switchWorkspace',
  showLogs: 'mlflow.output.show',
  openDocs: 'mlflow.help.openDocs',
  serveStart: 'mlflow.serve.start',
  serveStop: 'mlflow.serve.stop',
  serveShowLogs: 'mlflow.serve.showLogs',
  serveTryIt: 'mlflow.serve.tryIt',
  serveRestart: 'mlflow.serve.restart',
  serveSaveRequest: 'mlflow.serve.saveRequest',
  predict: 'mlflow.model.predict',
  generateDockerfile: 'mlflow.model.generateDockerfile',
  buildDocker: 'mlflow.model.buildDocker',
  deploy: 'mlflow.deploy.create',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
