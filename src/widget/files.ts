import type { WidgetAttachment } from "./api.ts";
import { el, icon } from "./dom.ts";
import type { Locale } from "./i18n.ts";

/** Images shown as thumbnails; every other file is a download link. */
const THUMBNAIL_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * An agent's files in a message: thumbnails for images, links with name and size for the rest.
 * `onImageLoad` runs when a thumbnail has loaded (and so grown the message list).
 */
export function fileList(
  files: WidgetAttachment[],
  base: string,
  locale: Locale,
  onImageLoad: (image: HTMLImageElement) => void,
): HTMLElement[] {
  if (files.length === 0) return [];
  const list = el("span", { class: "files" });
  for (const file of files) {
    const href = `${base}${file.url}`;
    const link = { href, target: "_blank", rel: "noopener noreferrer", "data-file": file.id };
    if (THUMBNAIL_TYPES.has(file.contentType)) {
      const image = el("img", { src: href, alt: file.filename });
      image.addEventListener("load", () => onImageLoad(image));
      list.append(el("a", { ...link, class: "file image" }, image));
      continue;
    }
    list.append(
      el(
        "a",
        { ...link, class: "file", download: file.filename },
        icon("file"),
        el("span", { class: "name" }, file.filename),
        el("span", { class: "size" }, fileSize(file.size, locale)),
      ),
    );
  }
  return [list];
}

function fileSize(bytes: number, locale: Locale): string {
  const units = ["byte", "kilobyte", "megabyte"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", {
    style: "unit",
    unit: units[unit],
    unitDisplay: "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}
