import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { applyProfileLanguage } from '../i18n/i18n';
import { useMe, useSetupStatus } from './auth';
import { AuthLayout } from './auth-layout';
import { FullPageError, FullPageLoader } from './full-page-status';
import { safeNextPath } from './next-path';

/** Screens for people who are not signed in; all of them give way to the first-run screen while it is needed. */
export function PublicGate() {
  const { pathname } = useLocation();
  const [searchParams] = useSearchParams();
  const setup = useSetupStatus();
  const me = useMe();
  if (setup.isPending) return <FullPageLoader />;
  if (setup.isError) return <FullPageError error={setup.error} onRetry={() => void setup.refetch()} />;
  const onSetup = pathname === '/setup';
  if (setup.data.needed && !onSetup) return <Navigate to="/setup" replace />;
  if (!setup.data.needed && (onSetup || pathname === '/login')) {
    // Set-up done (or signed in already): the login screen, or straight in.
    if (me.isPending) return <FullPageLoader />;
    if (me.data) return <Navigate to={safeNextPath(searchParams.get('next'))} replace />;
    if (onSetup) return <Navigate to="/login" replace />;
  }
  return (
    <AuthLayout>
      <Outlet />
    </AuthLayout>
  );
}

/** Everything behind a session. */
export function SignedInGate() {
  const location = useLocation();
  const setup = useSetupStatus();
  const me = useMe();
  const language = me.data?.user.language;
  useEffect(() => {
    if (language) applyProfileLanguage(language);
  }, [language]);
  if (setup.isPending || me.isPending) return <FullPageLoader />;
  if (setup.isError) return <FullPageError error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.needed) return <Navigate to="/setup" replace />;
  if (me.isError) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
