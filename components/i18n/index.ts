export { errorText } from "./error-text";
export { I18nProvider } from "./i18n-provider";
export { LocaleSwitcher } from "./locale-switcher";
export { useClock, type Clock } from "./use-clock";
export { useI18n, type I18n } from "./use-i18n";
