export const THEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'contrast', label: 'High contrast' },
] as const

export type Theme = (typeof THEMES)[number]['value']

export const parseTheme = (value: string | undefined): Theme =>
  THEMES.some((theme) => theme.value === value) ? (value as Theme) : 'light'
