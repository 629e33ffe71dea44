/**
 * The main-process side of `清廉台账 --cli backup …`: forks the core process for the
 * command and, for `--passphrase-stdin`, hands it standard input. A utility process has
 * no stdin of its own (Electron allows only "ignore" for it), so the main process reads
 * it and posts it over the process's message port; it never goes through argv or the
 * environment, where other programs could read it.
 */

/** The message that carries standard input to the core process. */
export interface StdinMessage {
  type: 'stdin';
  text: string;
}

export interface CliChild {
  postMessage(message: StdinMessage): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export interface CliLaunchDeps {
  fork(args: string[]): CliChild;
  readStdin(): Promise<string>;
  exit(code: number): void;
}

export async function launchCli(args: string[], deps: CliLaunchDeps): Promise<void> {
  const child = deps.fork(args);
  child.on('exit', (code) => deps.exit(code));
  if (args.includes('--passphrase-stdin')) child.postMessage({ type: 'stdin', text: await deps.readStdin() });
}

/** The core-process side: standard input as the main process posted it. */
export interface MessagePortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export function stdinFromParent(port: MessagePortLike | undefined): () => Promise<string> {
  return () =>
    new Promise((resolve, reject) => {
      if (!port) {
        reject(new Error('命令行进程没有标准输入，请改用 --passphrase-file <文件>。'));
        return;
      }
      const listener = (event: { data: unknown }) => {
        const data = event.data as Partial<StdinMessage> | null;
        if (data?.type !== 'stdin' || typeof data.text !== 'string') return;
        port.off('message', listener);
        resolve(data.text);
      };
      port.on('message', listener);
    });
}
