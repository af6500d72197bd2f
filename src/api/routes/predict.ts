/** POST /predict: the rentals predicted for one hour. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BikeDemandModel } from '../../model/model.js';
import type { LiveMonitor } from '../live/monitor.js';
import type { ServiceMetrics } from '../metrics.js';
import { BikeSharingInput, ErrorOutput, PredictionOutput, ValidationErrorOutput } from '../schemas.js';

export interface PredictOptions {
  readonly model: BikeDemandModel;
  readonly metrics: ServiceMetrics;
  /** Records each prediction served into the live window, when live monitoring is on. */
  readonly live?: LiveMonitor | undefined;
}

export const predictRoutes: FastifyPluginAsyncTypebox<PredictOptions> = async (app, { model, metrics, live }) => {
  app.post(
    '/predict',
    {
      schema: {
        summary: 'Predict the number of rentals in one hour',
        body: BikeSharingInput,
        response: { 200: PredictionOutput, 400: ErrorOutput, 422: ValidationErrorOutput },
      },
    },
    (request) => {
      const predicted = model.predict(request.body);
      metrics.recordPrediction(predicted);
      live?.record(request.body, predicted);
      return { predicted_count: predicted };
    },
  );
};
