/** The log the UI writes to: VS Code's LogOutputChannel in the extension, a recorder in tests. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
