import type { vi } from './resources/vi';

/** Makes `t()` accept only keys that exist in the Vietnamese resources. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
