import { currentLanguage, t } from '../../i18n';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSubmit } from '../../hooks/useSubmit';
import { sessionApi } from '../../services/sessionApi';
import type { CreatedSession } from '../../types/session';
import { Button } from '../ui/Button';
import { TextArea, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';

const known = (f: string) => f === 'name' || f === 'description' || f === 'admin_id';

/** Name, description and the organizer's name (admin_id): a new session. */
export function CreateSessionForm({ onCreated, signedInAs }: { onCreated: (s: CreatedSession) => void; signedInAs?: string | undefined }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [adminName, setAdminName] = useState('');
  // Not retried: a create that did reach the server would make a second session.
  const { submit: send, status, errors } = useSubmit(
    () =>
      sessionApi.create({
        name,
        // Signed in, the server names the account's display name as organizer.
        admin_id: signedInAs ?? adminName,
        ...(description.trim() ? { description } : {}),
        // The display starts in the organizer's language.
        settings: { language: currentLanguage() },
      }),
    { maxAttempts: 1, knownField: known, onSuccess: onCreated },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('createSessionForm.createASession')} className="flex flex-col gap-4">
      <TextField label={t('createSessionForm.sessionName')} placeholder={t('createSessionForm.allHandsMarch')} value={name} maxLength={255} error={errors.fields['name']} onChange={(e) => setName(e.target.value)} />
      <TextArea
        label={t('createSessionForm.descriptionOptional')}
        rows={2}
        value={description}
        maxLength={1000}
        error={errors.fields['description']}
        onChange={(e) => setDescription(e.target.value)}
      />
      {signedInAs === undefined && (
      <TextField
        label={t('createSessionForm.yourName')}
        hint={t('createSessionForm.shownToCoHosts')}
        autoComplete="name"
        value={adminName}
        error={errors.fields['admin_id']}
        onChange={(e) => setAdminName(e.target.value)}
      />
      )}
      {errors.general && (
        <Notice tone="error">
          {errors.general}
          {errors.code === 'sign_in_required' && (
            <>
              {' '}
              <Link to="/admin/sign-in?next=%2Fadmin" className="font-semibold underline">
                {t('account.signIn')}
              </Link>
            </>
          )}
        </Notice>
      )}
      <Button type="submit" size="lg" busy={status === 'sending'}>
        {t('createSessionForm.createSession')}
      </Button>
    </form>
  );
}
