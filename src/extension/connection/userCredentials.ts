import type { ConnectionSecrets } from './connectionSecrets';
import type { MicrosoftToken } from './microsoftToken';
import type { SecretCredentials } from './storeSession';

/**
 * What the user gave for a connection, asked before MLflow's env vars and credentials file: for
 * Azure ML, VS Code's Microsoft session when there is one (its token is always fresh), else a
 * pasted token; for other servers, what was typed into the Sign In prompt.
 */
export function userCredentials(secrets: ConnectionSecrets, microsoft: MicrosoftToken): SecretCredentials {
  return async (target) => {
    if (target.kind === 'azureml') {
      const token = await microsoft.get();
      if (token !== undefined) {
        return { kind: 'bearer', token };
      }
    }
    return secrets.get(target);
  };
}
