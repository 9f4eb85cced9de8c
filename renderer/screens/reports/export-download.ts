import type { ExportFormat, ExportJob, MethodInput } from '@shared/contract/api';
import { MAX_EXPORT_READ } from '@shared/contract/api';
import type { ApiClient } from '@shared/contract/client';
import { call } from '../../api/call';

/**
 * An export from the window's side: the core writes the file in the background and tells its
 * progress (`reports.export` events, and the status when asked); once done the file is read in
 * pieces and handed to the browser as a download, which is saved where the officer picks (the
 * browser host's downloads, Electron's save dialog). Nothing heavy runs on the window's thread:
 * each piece is decoded as it arrives and the Blob is assembled by the browser.
 */

export type ExportProgress =
  | { readonly phase: 'running'; readonly job: ExportJob }
  | { readonly phase: 'downloading'; readonly job: ExportJob }
  | { readonly phase: 'done'; readonly job: ExportJob }
  | { readonly phase: 'failed'; readonly job: ExportJob | null; readonly error: string }
  | { readonly phase: 'cancelled'; readonly job: ExportJob };

export interface RunningExport {
  cancel(): void;
  readonly finished: Promise<ExportProgress>;
}

const POLL_MS = 500;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands bytes to the browser as a file download named `name`. */
export function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function runExport(
  client: ApiClient,
  input: MethodInput<'reports.exportStart'>,
  onProgress: (p: ExportProgress) => void,
  save: (blob: Blob, name: string) => void = saveAs,
): RunningExport {
  let cancelled = false;
  let jobId: string | null = null;
  const finished = (async (): Promise<ExportProgress> => {
    const started = await call(client, 'reports.exportStart', input);
    if (!started.ok) return { phase: 'failed', job: null, error: started.error.message };
    let job = started.value;
    jobId = job.jobId;
    onProgress({ phase: 'running', job });
    const off = client.on('reports.export', (update) => {
      if (update.jobId === job.jobId && update.state === 'running') {
        job = update;
        onProgress({ phase: 'running', job });
      }
    });
    try {
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const status = await call(client, 'reports.exportStatus', { jobId: job.jobId });
        if (!status.ok) return { phase: 'failed', job, error: status.error.message };
        job = status.value;
        if (job.state === 'running') onProgress({ phase: 'running', job });
      }
    } finally {
      off();
    }
    if (job.state === 'cancelled' || cancelled) return { phase: 'cancelled', job };
    if (job.state === 'failed') return { phase: 'failed', job, error: job.error ?? '' };
    onProgress({ phase: 'downloading', job });
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let offset = 0; offset < job.bytes;) {
      if (cancelled) return { phase: 'cancelled', job };
      const piece = await call(client, 'reports.exportRead', {
        jobId: job.jobId,
        offset,
        length: MAX_EXPORT_READ,
      });
      if (!piece.ok) return { phase: 'failed', job, error: piece.error.message };
      parts.push(decode(piece.value.base64));
      offset += piece.value.bytes;
      if (piece.value.eof || piece.value.bytes === 0) break;
    }
    save(new Blob(parts, { type: job.mimeType }), job.fileName);
    void call(client, 'reports.exportDiscard', { jobId: job.jobId });
    return { phase: 'done', job };
  })();
  return {
    cancel() {
      cancelled = true;
      if (jobId) void call(client, 'reports.exportCancel', { jobId });
    },
    finished: finished.then((p) => {
      onProgress(p);
      return p;
    }),
  };
}

export const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'pdf'];
