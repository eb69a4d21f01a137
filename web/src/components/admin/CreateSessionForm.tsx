import { useState, type FormEvent } from 'react';
import { sessionApi } from '../../services/sessionApi';
import type { CreatedSession } from '../../types/session';
import { formErrors, noErrors, type FormErrors } from '../../utils/validation';
import { Button } from '../ui/Button';
import { TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';

const known = (f: string) => f === 'name' || f === 'description' || f === 'admin_id';

/** Name, description and the organizer's name (admin_id): a new session. */
export function CreateSessionForm({ onCreated }: { onCreated: (s: CreatedSession) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [adminName, setAdminName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const created = await sessionApi.create({
        name,
        admin_id: adminName,
        ...(description.trim() ? { description } : {}),
      });
      onCreated(created);
    } catch (err) {
      setErrors(formErrors(err, known));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create a session" className="flex flex-col gap-4">
      <TextField label="Session name" placeholder="All-hands, March" value={name} maxLength={255} error={errors.fields['name']} onChange={(e) => setName(e.target.value)} />
      <TextArea
        label="Description (optional)"
        rows={2}
        value={description}
        maxLength={1000}
        error={errors.fields['description']}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextField
        label="Your name"
        hint="Shown to co-hosts as the organizer."
        autoComplete="name"
        value={adminName}
        error={errors.fields['admin_id']}
        onChange={(e) => setAdminName(e.target.value)}
      />
      {errors.general && <Notice tone="error">{errors.general}</Notice>}
      <Button type="submit" size="lg" busy={busy}>
        Create session
      </Button>
    </form>
  );
}
