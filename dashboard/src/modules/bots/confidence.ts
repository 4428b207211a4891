/** How sure the bot was (0..1), as people read it. */
export const confidencePercent = (confidence: number) => `${Math.round(confidence * 100)} %`;
