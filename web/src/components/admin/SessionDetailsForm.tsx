import { useState, type FormEvent } from 'react';
import { useSubmit } from '../../hooks/useSubmit';
import type { Session } from '../../types/session';
import type { UpdateSessionInput } from '../../services/sessionApi';
import { Button } from '../ui/Button';
import { TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';

const known = (f: string) => f === 'name' || f === 'description';

/** Edit a session's name and description. */
export function SessionDetailsForm({ session, onSave, onDone }: { session: Session; onSave: (input: UpdateSessionInput) => Promise<unknown>; onDone: () => void }) {
  const [name, setName] = useState(session.name);
  const [description, setDescription] = useState(session.description ?? '');
  const { submit: send, status, errors } = useSubmit(() => onSave({ name, description }), { maxAttempts: 1, knownField: known, onSuccess: onDone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Session details" className="flex flex-col gap-4">
      <TextField label="Session name" value={name} maxLength={255} error={errors.fields['name']} onChange={(e) => setName(e.target.value)} autoFocus />
      <TextArea label="Description" rows={3} value={description} maxLength={1000} error={errors.fields['description']} onChange={(e) => setDescription(e.target.value)} />
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
