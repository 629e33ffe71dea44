export interface AppInfo {
  name: string;
  version: string;
  schemaVersion: number;
  dataDir: string;
  databaseFile: string;
  /** Which shell serves the UI. */
  shell: 'electron' | 'browser';
}
