import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, isLanguage, languages } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.resolvedLanguage ?? 'es'}
      onChange={(value) => isLanguage(value) && chooseLanguage(value)}
      data={languages.map((lng) => ({ value: lng, label: t(`language.short.${lng}`) }))}
    />
  );
}
