/**
 * `cid:` images (email) pointed at the attachments Relais stored, by their Content-ID, so the
 * HTML shows them from `/api/v1/attachments/<id>` rather than nowhere.
 */
export function linkInlineImages(
  html: string,
  files: ReadonlyArray<{ id: string; contentId?: string | null; url?: string }>,
): string {
  let linked = html;
  for (const file of files) {
    if (!file.contentId || file.url) continue;
    const cid = file.contentId.replace(/^<|>$/g, "");
    linked = linked.replaceAll(`cid:${cid}`, `/api/v1/attachments/${file.id}`);
  }
  return linked;
}
