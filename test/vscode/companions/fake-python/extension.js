// Stands in for the Python extension (ms-python.python) in the `interpreter` suite: its
// `environments` API selects `.fake-venv/bin/python` in the workspace folder and adds one `.env`
// variable, and it records the resources it was asked about.
const path = require('node:path');
const vscode = require('vscode');

function activate() {
  const asked = [];
  const folderOf = (resource) => (resource && vscode.workspace.getWorkspaceFolder(resource)) || vscode.workspace.workspaceFolders[0];
  return {
    asked,
    environments: {
      getActiveEnvironmentPath(resource) {
        asked.push(resource ? resource.fsPath : undefined);
        const python = path.join(folderOf(resource).uri.fsPath, '.fake-venv', 'bin', 'python');
        return { id: python, path: python };
      },
      async resolveEnvironment(environment) {
        const python = typeof environment === 'string' ? environment : environment.path;
        return { id: python, path: python, executable: { uri: vscode.Uri.file(python), bitness: '64-bit', sysPrefix: path.dirname(path.dirname(python)) } };
      },
      getEnvironmentVariables() {
        return { FRUGAL_FROM_DOTENV: 'selected-by-the-python-extension' };
      },
    },
  };
}

module.exports = { activate };
