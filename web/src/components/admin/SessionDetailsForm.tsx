import { useState, type FormEvent } from 'react';
import { useSubmit } from '../../hooks/useSubmit';
import type { Session } from '../../types/session';
import type { UpdateSessionInput } from '../../services/sessionApi';
import { Button } from '../ui/Button';
import { TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';

const known = (f: string) => f === 'name' || f === 'description' || f.startsWith('reactions');

/** The emoji of a reactions field: separated by spaces or commas. */
export function reactionList(s: string): string[] {
  return s.split(/[\s,]+/).filter((e) => e !== '');
}

/** Edit a session's name and description. */
export function SessionDetailsForm({ session, onSave, onDone }: { session: Session; onSave: (input: UpdateSessionInput) => Promise<unknown>; onDone: () => void }) {
  const [name, setName] = useState(session.name);
  const [description, setDescription] = useState(session.description ?? '');
  const originalReactions = (session.reactions ?? []).join(' ');
  const [reactions, setReactions] = useState(originalReactions);
  const { submit: send, status, errors } = useSubmit(
    () => onSave(reactions.trim() === originalReactions ? { name, description } : { name, description, reactions: reactionList(reactions) }), { maxAttempts: 1, knownField: known, onSuccess: onDone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Session details" className="flex flex-col gap-4">
      <TextField label="Session name" value={name} maxLength={255} error={errors.fields['name']} onChange={(e) => setName(e.target.value)} autoFocus />
      <TextArea label="Description" rows={3} value={description} maxLength={1000} error={errors.fields['description']} onChange={(e) => setDescription(e.target.value)} />
      <TextField
        label="Reactions"
        hint="Up to 6 emoji, separated by spaces; empty turns reactions off."
        value={reactions}
        error={Object.entries(errors.fields).find(([f]) => f.startsWith('reactions'))?.[1]}
        onChange={(e) => setReactions(e.target.value)}
      />
      {errors.general && <Notice tone="error">{errors.general}</Notice>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={status === 'sending'}>
          Save
        </Button>
      </div>
    </form>
  );
}
