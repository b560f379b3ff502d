// What the connection feature offers the rest of the extension: other folders import it from here, never
// from its files (test/unit/importGraph.test.ts and the lint rule keep it so).
export { childConnectionEnv, type ChildConnectionEnv } from './childEnvironment';
export { ConnectionManager } from './connectionManager';
export { ConnectionSecrets } from './connectionSecrets';
export { type ConnectionState } from './connectionState';
export { ConnectionWorkspaces } from './connectionWorkspaces';
export { ConnectionStatusBar } from './connectionStatusBar';
export { MicrosoftToken } from './microsoftToken';
export { registerConnectionCommands } from './registerConnectionCommands';
export { SavedConnections } from './savedConnections';
export { StoreSession, type SecretCredentials } from './storeSession';
export { TerminalEnvironment } from './terminalEnvironment';
export { userCredentials } from './userCredentials';
