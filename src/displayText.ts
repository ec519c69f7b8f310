// Makes account data safe to show in VS Code's own widgets: tree rows, quick
// picks and editor titles render it as text, but control characters,
// direction overrides and `$(icon)` syntax would still disguise it.

/** Replaces control characters and direction overrides, which could disguise a label, with U+FFFD. */
export function displayText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

/** Cleans text for a quick pick, where `$(name)` would render as an icon: a zero-width space breaks it. */
export function quickPickText(text: string): string {
  return displayText(text).replace(/\$\(/g, '$\u200B(');
}
