import { useRouteError } from 'react-router';
import { FullPageError } from './full-page-status';

/** A screen that failed to load or render (for example a chunk gone after a deploy): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  return <FullPageError error={error} onRetry={() => window.location.reload()} />;
}
