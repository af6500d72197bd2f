/** POST /predict: the rentals predicted for one hour. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BikeDemandModel } from '../../model/model.js';
import type { ServiceMetrics } from '../metrics.js';
import { BikeSharingInput, ErrorOutput, PredictionOutput, ValidationErrorOutput } from '../schemas.js';

export const predictRoutes: FastifyPluginAsyncTypebox<{ model: BikeDemandModel; metrics: ServiceMetrics }> = async (app, { model, metrics }) => {
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
      return { predicted_count: predicted };
    },
  );
};
