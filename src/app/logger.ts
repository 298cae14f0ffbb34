// Structured one-line JSON logs. Callers pass only operational fields (ids of claims, imports,
// batches, counts, routes); member names, CINs, birth dates and addresses never reach a log line.

export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
  error(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };

export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (level: string, event: string, fields?: Record<string, string | number | boolean | undefined>) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return { info: (e, f) => emit('info', e, f), error: (e, f) => emit('error', e, f) };
}
