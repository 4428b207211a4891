import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';
export default mergeConfig(base, defineConfig({ root: '/work/main/server', test: { setupFiles: ['./tmp-int8-contacts.setup.ts'] } }));
