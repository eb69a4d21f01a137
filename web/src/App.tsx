import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { FullPageSpinner } from './components/ui/Spinner';
import { NotFound } from './pages/NotFound';
import { ParticipantJoin } from './pages/ParticipantJoin';
import { ParticipantSession } from './pages/ParticipantSession';

// Phones load only the participant pages; the charts, the word cloud and the
// dashboard come in their own chunks for the projector and the organizer.
const ViewerDisplay = lazy(() => import('./pages/ViewerDisplay').then((m) => ({ default: m.ViewerDisplay })));
const AdminHome = lazy(() => import('./pages/AdminHome').then((m) => ({ default: m.AdminHome })));
const ModeratorSession = lazy(() => import('./pages/ModeratorSession').then((m) => ({ default: m.ModeratorSession })));
const SignIn = lazy(() => import('./pages/SignIn').then((m) => ({ default: m.SignIn })));
const AccountPage = lazy(() => import('./pages/AccountPage').then((m) => ({ default: m.AccountPage })));
const AcceptInvitation = lazy(() => import('./pages/AcceptInvitation').then((m) => ({ default: m.AcceptInvitation })));
const AdminSession = lazy(() => import('./pages/AdminSession').then((m) => ({ default: m.AdminSession })));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: true, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** Every route of the app (the server answers index.html for all of them). */
export function AppRoutes() {
  // A change of language renders every page anew in it (messages are read with
  // the i18n module's t() as they render).
  const { i18n } = useTranslation();
  return (
    <Suspense key={i18n.language} fallback={<FullPageSpinner />}>
    <Routes>
      <Route path="/" element={<ParticipantJoin />} />
      <Route path="/join" element={<ParticipantJoin />} />
      <Route path="/join/:code" element={<ParticipantJoin />} />
      <Route path="/p/:sessionId" element={<ParticipantSession />} />
      <Route path="/display/:sessionId" element={<ViewerDisplay />} />
      <Route path="/admin" element={<AdminHome />} />
      <Route path="/admin/sign-in" element={<SignIn />} />
      <Route path="/admin/account" element={<AccountPage />} />
      <Route path="/admin/invitations/:token" element={<AcceptInvitation />} />
      <Route path="/admin/sessions/:sessionId" element={<AdminSession />} />
      <Route path="/admin/sessions/:sessionId/moderate" element={<ModeratorSession />} />
      <Route path="/admin/sessions" element={<Navigate to="/admin" replace />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
    </Suspense>
  );
}

export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [qc] = useState(() => client ?? createQueryClient());
  return <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
