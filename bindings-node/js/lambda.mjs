// The ESM entry of hookseal/lambda: re-exports the CommonJS module (one set of classes for both).
import cjs from './lambda.cjs';

export const { verifyLambdaEvent, lambdaHandler } = cjs;
