/** DOM ids for questions: item ids ("dk:ict_01") contain characters best kept out of ids and fragments. */
export const fieldId = (itemId: string) => `q-${itemId.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
/** The n-th option of a choice question; option 0 has the question's own id (error links point at it). */
export const optionId = (itemId: string, index: number) => (index === 0 ? fieldId(itemId) : `${fieldId(itemId)}-${index}`);
