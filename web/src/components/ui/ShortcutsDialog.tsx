import { t } from '../../i18n';
import { SHORTCUTS, type ShortcutAction } from '../../hooks/usePresenterKeys';
import { Modal } from './Modal';

/** The `?` dialog: every presenter shortcut and what it does here. */
export function ShortcutsDialog({ open, onClose, available, note }: { open: boolean; onClose: () => void; available?: ShortcutAction[]; note?: string }) {
  const rows = available ? SHORTCUTS.filter((s) => available.includes(s.action)) : SHORTCUTS;
  return (
    <Modal open={open} title={t('shortcuts.title')} onClose={onClose}>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-slate-700" aria-label={t('shortcuts.title')}>
        {rows.map((s) => (
          <div key={s.action} className="contents">
            <dt>
              {s.keys.map((k) => (
                <kbd key={k} className="inline-block min-w-8 rounded-md bg-slate-100 px-2 py-0.5 text-center font-mono text-sm font-semibold text-ink ring-1 ring-slate-300">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd>{t(`shortcuts.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-slate-500">{t('shortcuts.hint')}</p>
      {note && <p className="mt-2 text-sm text-slate-600">{note}</p>}
    </Modal>
  );
}
