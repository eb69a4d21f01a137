import { S } from '../../strings/activityTypes';
import { TextArea } from '../ui/Field';
import { Markdown } from '../ui/Markdown';

/** A content slide's Markdown, typed on the left and previewed (rendered as phones and the screen will) on the right. */
export function BodyField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (v: string) => void }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <TextArea label={S.editor.body} hint={S.editor.bodyHint} value={value} maxLength={10000} rows={10} error={error} onChange={(e) => onChange(e.target.value)} />
      <section aria-label={S.editor.preview} className="flex flex-col gap-1.5">
        <span className="text-sm font-semibold text-slate-700" aria-hidden="true">
          {S.editor.preview}
        </span>
        <div className="min-h-28 flex-1 overflow-auto rounded-xl bg-slate-50 p-3 text-ink ring-1 ring-slate-200 [&_a]:text-brand-700" data-testid="body-preview">
          {value.trim() ? <Markdown text={value} /> : <p className="text-slate-500">{S.editor.emptyPreview}</p>}
        </div>
      </section>
    </div>
  );
}
