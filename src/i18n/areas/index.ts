/**
 * Message catalogs of each feature area, merged into the main catalogs (`../en.json`, `../ja.json`).
 * One file per area and language keeps features apart: `<area>.en.json` and `<area>.ja.json`,
 * with the same keys, prefixed by the area (e.g. `approvals.`). Register each pair here.
 */
import approvalsEn from './approvals.en.json';
import approvalsJa from './approvals.ja.json';
import approvalsErrorsEn from './approvals-errors.en.json';
import approvalsErrorsJa from './approvals-errors.ja.json';
import botSigninEn from './bot-signin.en.json';
import botSigninJa from './bot-signin.ja.json';
import historyEn from './history.en.json';
import historyJa from './history.ja.json';
import peopleEn from './people.en.json';
import peopleJa from './people.ja.json';
import recoveryEn from './recovery.en.json';
import recoveryJa from './recovery.ja.json';
import resetReasonEn from './reset-reason.en.json';
import resetReasonJa from './reset-reason.ja.json';
import showPasscodeEn from './show-passcode.en.json';
import showPasscodeJa from './show-passcode.ja.json';
import readinessEn from './readiness.en.json';
import readinessJa from './readiness.ja.json';
import stateEn from './state.en.json';
import stateJa from './state.ja.json';
import botTurnEn from './bot-turn.en.json';
import platformsEn from './platforms.en.json';
import platformsJa from './platforms.ja.json';
import botTurnJa from './bot-turn.ja.json';

type Catalog = Readonly<Record<string, string>>;

export const AREA_CATALOGS: ReadonlyArray<{ area: string; en: Catalog; ja: Catalog }> = [
  { area: 'approvals', en: approvalsEn, ja: approvalsJa },
  { area: 'approvals-errors', en: approvalsErrorsEn, ja: approvalsErrorsJa },
  { area: 'bot-signin', en: botSigninEn, ja: botSigninJa },
  { area: 'history', en: historyEn, ja: historyJa },
  { area: 'people', en: peopleEn, ja: peopleJa },
  { area: 'recovery', en: recoveryEn, ja: recoveryJa },
  { area: 'reset-reason', en: resetReasonEn, ja: resetReasonJa },
  { area: 'show-passcode', en: showPasscodeEn, ja: showPasscodeJa },
  { area: 'readiness', en: readinessEn, ja: readinessJa },
  { area: 'state', en: stateEn, ja: stateJa },
  { area: 'bot-turn', en: botTurnEn, ja: botTurnJa },
  { area: 'platforms', en: platformsEn, ja: platformsJa },
];
