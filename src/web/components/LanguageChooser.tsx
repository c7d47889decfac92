// Bokmål / Nynorsk / English on every page. Each name is written in its own language (and marked with lang).
import { ToggleGroup } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, setLanguage, useLanguage } from '../i18n/index.js';

export function LanguageChooser() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <ToggleGroup
      className="language-chooser"
      data-size="sm"
      aria-label={t('layout.language')}
      value={language}
      onChange={(value) => isLanguage(value) && setLanguage(value)}
    >
      {LANGUAGES.map((code) => (
        <ToggleGroup.Item key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup>
  );
}
