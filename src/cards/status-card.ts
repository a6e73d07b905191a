import type { Attachment } from 'botbuilder';
import statusTemplate from '../../cards/reset-status.json';
import type { ActionState } from '../domain/model';
import type { FlowState, ResetFlow, ResetProgress } from '../domain/reset/reset-flow';
import { formatDateTime, t, type Locale } from '../i18n';
import { CardTemplate, type DeviceRow, type Fact } from './card-template';
import { deviceRow, windowsHelloSteps } from './device-text';
import { describeFailure } from './failure-text';
import { deviceName, flowCardBase, personName, subjectFacts } from './flow-card-parts';

/** The states shown on the status card: no buttons in any of them. */
export type StatusState = Exclude<FlowState, 'choosingUser' | 'choosingDevice' | 'confirming'>;

type TitleColor = 'Default' | 'Good' | 'Warning' | 'Attention';

interface StatusData {
  lang: Locale;
  requestedBy: string;
  title: string;
  titleColor: TitleColor;
  paragraphs: { text: string }[];
  facts: Fact[];
  hasDevices: boolean;
  devicesHeading: string;
  devices: DeviceRow[];
  /** Markdown links built from catalog text and URLs we made safe. */
  links: { markdown: string }[];
  notes: { text: string }[];
}

const PHASES: Record<ResetProgress['phase'], true> = {
  sending: true,
  retryingAfterThrottle: true,
  checkingAfterError: true,
  waitingForIntune: true,
};
const ACTION_STATES: Record<ActionState, true> = {
  none: true,
  pending: true,
  canceled: true,
  active: true,
  done: true,
  failed: true,
  notSupported: true,
};

/** Every progress phase of the domain. */
export const PROGRESS_PHASES = Object.keys(PHASES) as ResetProgress['phase'][];
/** Every Intune actionState. */
export const ACTION_STATE_NAMES = Object.keys(ACTION_STATES) as ActionState[];

export function phaseKey(phase: ResetProgress['phase']): string {
  return `progress.phase.${phase}`;
}

export function actionStateKey(state: ActionState): string {
  return `actionState.${state}`;
}

const status = new CardTemplate<StatusData>(statusTemplate);

/** The card of a flow in a status state; `progress` adds what the reset is doing right now. */
export function statusCard(flow: ResetFlow, state: StatusState, locale: Locale, progress?: ResetProgress): Attachment {
  const { lang, requestedBy } = flowCardBase(flow, locale);
  const empty: StatusData = {
    lang,
    requestedBy,
    title: '',
    titleColor: 'Default',
    paragraphs: [],
    facts: subjectFacts(flow, locale),
    hasDevices: false,
    devicesHeading: t(locale, 'devices.ineligibleHeading'),
    devices: [],
    links: [],
    notes: [],
  };
  return status.render({ ...empty, ...stateParts(flow, state, locale, progress) });
}

function stateParts(
  flow: ResetFlow,
  state: StatusState,
  locale: Locale,
  progress: ResetProgress | undefined,
): Partial<StatusData> {
  const lines = (...texts: string[]) => texts.map((text) => ({ text }));
  switch (state) {
    case 'resetting':
      return {
        title: t(locale, 'status.resetting.title', { device: deviceName(flow, locale) }),
        paragraphs: lines(...(progress ? progressLines(progress, locale) : [t(locale, 'status.resetting.body')])),
      };
    case 'done':
      if (flow.endedByRemoval) {
        return {
          title: t(locale, 'platforms.removed.title'),
          titleColor: 'Good',
          paragraphs: lines(
            t(locale, 'platforms.removed.body', {
              device: deviceName(flow, locale),
              owner: flow.targetUser?.displayName ?? t(locale, 'common.unknown'),
            }),
          ),
          facts: subjectFacts(flow, locale),
        };
      }
      return {
        title: t(locale, 'status.done.title'),
        titleColor: 'Good',
        paragraphs: lines(
          flow.originIsPersonal
            ? t(locale, 'status.done.personal')
            : t(locale, 'status.done.shared', { agent: flow.agent.name }),
        ),
        facts: [
          ...subjectFacts(flow, locale),
          ...(flow.visibleUntil
            ? [{ label: t(locale, 'fact.visibleUntil'), value: formatDateTime(flow.visibleUntil, locale) }]
            : []),
        ],
      };
    case 'failed': {
      const view = describeFailure({ ...(flow.failure ?? { code: 'graph.unexpected' }), deviceId: flow.device?.id }, locale, flow.device);
      return {
        title: t(locale, 'status.failed.title'),
        titleColor: 'Attention',
        paragraphs: lines(view.what, ...view.hints, view.next),
        links: view.links.map((markdown) => ({ markdown })),
        notes: lines(...view.notes),
      };
    }
    case 'cancelled':
      return { title: t(locale, 'status.cancelled.title'), paragraphs: lines(t(locale, 'common.nothingReset')) };
    case 'noUser':
      return {
        title: t(locale, 'status.noUser.title', { query: flow.query }),
        titleColor: 'Warning',
        paragraphs: lines(t(locale, 'status.noUser.body')),
      };
    case 'noEligibleDevice': {
      const devices = (flow.devices ?? []).map((option) => deviceRow(option, locale));
      return {
        title: t(locale, 'status.noEligibleDevice.title', { name: personName(flow) }),
        titleColor: 'Warning',
        paragraphs: lines(
          devices.length > 0
            ? t(locale, 'common.nothingReset')
            : t(locale, 'status.noEligibleDevice.noDevices', { name: personName(flow) }),
          ...windowsHelloSteps(flow.devices ?? [], personName(flow), locale),
        ),
        hasDevices: devices.length > 0,
        devices,
      };
    }
  }
}

function progressLines(progress: ResetProgress, locale: Locale): string[] {
  const phase = Object.hasOwn(PHASES, progress.phase) ? progress.phase : 'waitingForIntune';
  const result = [
    t(locale, phaseKey(phase)),
    t(locale, 'progress.elapsed', { seconds: Math.max(0, Math.round(progress.elapsedSeconds || 0)) }),
  ];
  if (progress.actionState) {
    const known = Object.hasOwn(ACTION_STATES, progress.actionState);
    const state = known ? t(locale, actionStateKey(progress.actionState as ActionState)) : progress.actionState;
    result.push(t(locale, 'progress.intuneState', { state }));
  }
  return result;
}
