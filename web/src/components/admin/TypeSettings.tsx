import { t } from '../../i18n';
import { S } from '../../strings/activityTypes';
import { Checkbox, FieldError, TextField } from '../ui/Field';
import type { Draft } from './editorDraft';

interface TypeSettingsProps {
  d: Draft;
  err: (field: string) => string | undefined;
  set: (patch: Partial<Draft>) => void;
}

/** The settings box of each type that has settings of its own. */
export function TypeSettings({ d, err, set }: TypeSettingsProps) {
  const body = settingsBody(d, err, set);
  if (!body) return null;
  return (
    <fieldset className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold text-slate-700">{t('typeSettings.settings')}</legend>
      <FieldError message={err('settings')} />
      {body}
    </fieldset>
  );
}

function settingsBody(d: Draft, err: TypeSettingsProps['err'], set: TypeSettingsProps['set']) {
  switch (d.type) {
    case 'poll':
      return (
        <div className="flex flex-wrap items-end gap-4">
          <Checkbox label={t('typeSettings.allowSeveralChoices')} checked={d.multiple} error={err('settings.multiple')} onChange={(e) => set({ multiple: e.target.checked })} />
          <TextField
            className="w-48"
            label={t('typeSettings.maximumChoices')}
            hint={t('typeSettings.emptyNoLimit')}
            inputMode="numeric"
            value={d.maxChoices}
            disabled={!d.multiple}
            error={err('settings.max_choices')}
            onChange={(e) => set({ maxChoices: e.target.value })}
          />
        </div>
      );
    case 'quiz':
      return (
        <div className="grid grid-cols-2 gap-4">
          <TextField label={t('typeSettings.timeLimitSeconds')} hint={t('typeSettings.n5To3600')} inputMode="numeric" value={d.timeLimit} error={err('settings.time_limit_s')} onChange={(e) => set({ timeLimit: e.target.value })} />
          <TextField label={t('typeSettings.pointsForAFast')} inputMode="numeric" value={d.points} error={err('settings.points')} onChange={(e) => set({ points: e.target.value })} />
        </div>
      );
    case 'word_cloud':
      return (
        <TextField
          className="w-64"
          label={t('typeSettings.entriesPerPerson')}
          hint={t('typeSettings.n1To20')}
          inputMode="numeric"
          value={d.maxEntries}
          error={err('settings.max_entries_per_participant')}
          onChange={(e) => set({ maxEntries: e.target.value })}
        />
      );
    case 'rating':
      return <MinMax d={d} err={err} set={set} />;
    case 'scales':
      return (
        <>
          <MinMax d={d} err={err} set={set} hint />
          <div className="grid grid-cols-2 gap-4">
            <TextField label={S.editor.minLabel} placeholder={t('typeSettings.disagree')} maxLength={100} value={d.minLabel} error={err('settings.min_label')} onChange={(e) => set({ minLabel: e.target.value })} />
            <TextField label={S.editor.maxLabel} placeholder={t('typeSettings.agree')} maxLength={100} value={d.maxLabel} error={err('settings.max_label')} onChange={(e) => set({ maxLabel: e.target.value })} />
          </div>
        </>
      );
    case 'points':
      return (
        <TextField
          className="w-72"
          label={S.editor.total}
          hint={S.editor.totalHint}
          inputMode="numeric"
          value={d.total}
          error={err('settings.total')}
          onChange={(e) => set({ total: e.target.value })}
        />
      );
    case 'numeric':
      return <NumericSettingsFields d={d} err={err} set={set} />;
    case 'qna':
      return (
        <Checkbox
          label={t('typeSettings.moderateQuestionsApproveBefore')}
          checked={d.moderation}
          error={err('settings.moderation')}
          onChange={(e) => set({ moderation: e.target.checked })}
        />
      );
    case 'open_text':
    case 'ranking':
    case 'content':
      return null;
  }
}

function MinMax({ d, err, set, hint = false }: TypeSettingsProps & { hint?: boolean }) {
  return (
    <div className="grid grid-cols-2 gap-4">
      <TextField label={t('typeSettings.lowestValue')} {...(hint ? { hint: t('typeSettings.n0Or1') } : {})} inputMode="numeric" value={d.min} error={err('settings.min')} onChange={(e) => set({ min: e.target.value })} />
      <TextField label={t('typeSettings.highestValue')} {...(hint ? { hint: t('typeSettings.n2To10') } : {})} inputMode="numeric" value={d.max} error={err('settings.max')} onChange={(e) => set({ max: e.target.value })} />
    </div>
  );
}

function NumericSettingsFields({ d, err, set }: TypeSettingsProps) {
  return (
    <>
      <div className="grid grid-cols-3 gap-4">
        <TextField label={S.editor.numMin} inputMode="decimal" value={d.numMin} error={err('settings.min')} onChange={(e) => set({ numMin: e.target.value })} />
        <TextField label={S.editor.numMax} inputMode="decimal" value={d.numMax} error={err('settings.max')} onChange={(e) => set({ numMax: e.target.value })} />
        <TextField label={S.editor.unit} hint={S.editor.unitHint} maxLength={20} value={d.unit} error={err('settings.unit')} onChange={(e) => set({ unit: e.target.value })} />
      </div>
      <Checkbox label={S.editor.hasCorrect} checked={d.hasCorrect} error={err('settings.correct')} onChange={(e) => set({ hasCorrect: e.target.checked })} />
      {d.hasCorrect && (
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label={S.editor.correctValue}
            inputMode="decimal"
            value={d.correctValue}
            error={err('settings.correct.value')}
            onChange={(e) => set({ correctValue: e.target.value })}
          />
          <TextField
            label={S.editor.tolerance}
            inputMode="decimal"
            value={d.tolerance}
            error={err('settings.correct.tolerance')}
            onChange={(e) => set({ tolerance: e.target.value })}
          />
        </div>
      )}
    </>
  );
}
