import { configure } from '@testing-library/react';

// findBy… and waitFor wait for React Query and user-event to settle; on a starved 2-core CI machine that can take
// longer than testing-library's default second. A query that never succeeds still fails.
configure({ asyncUtilTimeout: 5000 });
