/** Reading Block Kit that Learnloop sent (tests find blocks by id rather than snapshotting whole JSON). */

/** The block with this block_id, or undefined. */
export const blockById = (blocks: any[] | undefined, id: string): any => (blocks ?? []).find((b: any) => b.block_id === id);
