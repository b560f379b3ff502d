import * as vscode from 'vscode';
import { checkModelName } from '../../core/scaffold/modelName';
import { SCAFFOLD_TEMPLATES } from '../../core/scaffold/scaffoldTemplates';
import type { ScaffoldTemplateId } from '../../core/scaffold/scaffoldTypes';

const TITLE = 'New Custom MLflow Model';
const BACK = 'back';

type Step<T> = T | typeof BACK | undefined;

/** Step 1: which template, each with what it is for. */
function pickTemplate(initial: ScaffoldTemplateId | undefined): Promise<Step<ScaffoldTemplateId>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { id: ScaffoldTemplateId }>();
    pick.title = TITLE;
    pick.step = 1;
    pick.totalSteps = 3;
    pick.placeholder = 'Choose what the model wraps';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = SCAFFOLD_TEMPLATES.map((t) => ({
      label: t.label,
      description: t.description,
      detail: t.detail,
      id: t.id,
    }));
    const active = pick.items.find((i) => i.id === initial);
    if (active) {
      pick.activeItems = [active];
    }
    let done = false;
    const finish = (value: Step<ScaffoldTemplateId>): void => {
      if (!done) {
        done = true;
        resolve(value);
        pick.dispose();
      }
    };
    pick.onDidAccept(() => {
      finish(pick.selectedItems[0]?.id);
    });
    pick.onDidHide(() => {
      finish(undefined);
    });
    pick.show();
  });
}

/** Step 2: the model's name, checked as the user types (a Python identifier, folder-safe). */
function askName(initial: string): Promise<Step<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = TITLE;
    box.step = 2;
    box.totalSteps = 3;
    box.value = initial;
    box.prompt = 'The model’s name: a Python identifier, also the new folder’s name (e.g. phi3_mini)';
    box.placeholder = 'phi3_mini';
    box.buttons = [vscode.QuickInputButtons.Back];
    let done = false;
    const finish = (value: Step<string>): void => {
      if (!done) {
        done = true;
        resolve(value);
        box.dispose();
      }
    };
    box.onDidChangeValue((v) => {
      const r = checkModelName(v.trim());
      box.validationMessage = v === '' || r.ok ? undefined : r.error;
    });
    box.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) {
        finish(BACK);
      }
    });
    box.onDidAccept(() => {
      const r = checkModelName(box.value.trim());
      if (r.ok) {
        finish(box.value.trim());
      } else {
        box.validationMessage = r.error;
      }
    });
    box.onDidHide(() => {
      finish(undefined);
    });
    box.show();
  });
}

/** Step 3: the folder the new `<name>/` folder goes into. */
async function pickParentFolder(name: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `${TITLE} (3/3): where to create ${name}/`,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: `Create ${name}/ Here`,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** What the wizard collected. */
export interface WizardAnswers {
  readonly template: ScaffoldTemplateId;
  readonly name: string;
  readonly parent: vscode.Uri;
}

/** Template → name → parent folder, with Back between the first two steps; undefined if cancelled. */
export async function runScaffoldWizard(): Promise<WizardAnswers | undefined> {
  let template: ScaffoldTemplateId | undefined;
  let name = '';
  for (;;) {
    const t = await pickTemplate(template);
    if (t === undefined || t === BACK) {
      return undefined;
    }
    template = t;
    const n = await askName(name);
    if (n === undefined) {
      return undefined;
    }
    if (n !== BACK) {
      name = n;
      break;
    }
  }
  const parent = await pickParentFolder(name);
  return parent ? { template, name, parent } : undefined;
}
