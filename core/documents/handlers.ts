import type { z } from 'zod';
import { type methods } from '@shared/contract/forms';
import { asApiFailure, createFormService, type FormServiceOptions } from './service';

type RenderInput = z.output<(typeof methods)['forms.render']['input']>;
type RenderOutput = z.output<(typeof methods)['forms.render']['output']>;

/**
 * The handlers of the contract's `forms.*` methods (shared/contract/forms.ts), merged into the
 * core's handler table like the other features'. `call` is the core's own dispatch: the forms
 * read records through the contract, as the CLI does.
 */
export function formHandlers(options: FormServiceOptions) {
  const service = createFormService(options);
  return {
    'forms.render': async (input: RenderInput): Promise<RenderOutput> => {
      try {
        const rendered = await service.render(
          input.form === 'register'
            ? { form: 'register', unit: input.unitId, period: { from: input.from, to: input.to } }
            : { form: input.form, dossierId: input.dossierId },
        );
        return {
          pdfBase64: Buffer.from(rendered.bytes).toString('base64'),
          fileName: rendered.fileName,
          formSet: rendered.formSet,
          code: rendered.code,
          title: rendered.title,
          pageSize: rendered.pageSize,
        };
      } catch (error) {
        throw asApiFailure(error);
      }
    },
  };
}
