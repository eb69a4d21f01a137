import { Link } from 'react-router';
import { Logo } from '../components/ui/Logo';

export function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
      <Logo size={40} />
      <h1 className="text-2xl font-extrabold text-ink">This page does not exist</h1>
      <p className="text-slate-600">Check the address, or start again.</p>
      <div className="flex gap-4">
        <Link to="/join" className="font-semibold text-brand-700 hover:underline">
          Join a session
        </Link>
        <Link to="/admin" className="font-semibold text-brand-700 hover:underline">
          Organize one
        </Link>
      </div>
    </main>
  );
}
