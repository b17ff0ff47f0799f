import { ActionIcon, CloseButton, Group, Progress, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconFile, IconPaperclip, IconPhoto } from "@tabler/icons-react";
import {
  type ClipboardEvent,
  type DragEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { discardAttachment, type Upload, uploadAttachment } from "../../hooks/api/attachments.ts";
import { ApiError } from "../../lib/api.ts";
import { formatBytes } from "../../lib/format.ts";

/** One file in the composer: on its way up, stored (ready to send), or refused. */
export interface ComposerFile {
  key: string;
  name: string;
  size: number;
  type: string;
  status: "uploading" | "ready" | "failed";
  progress: number;
  upload?: Upload;
  error?: unknown;
}

const KNOWN_ERRORS = new Set(["file_too_large", "empty_file", "network"]);

/**
 * The files attached in the composer: each starts uploading as soon as it is chosen, dropped or
 * pasted, so sending is instant; the reply then names them by id. At most `max` files.
 */
export function useComposerAttachments(max: number) {
  const [files, setFiles] = useState<ComposerFile[]>([]);
  const [overLimit, setOverLimit] = useState(false);
  const uploads = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const pending = uploads.current;
    return () => {
      for (const controller of pending.values()) controller.abort();
    };
  }, []);

  const change = useCallback((key: string, patch: Partial<ComposerFile>) => {
    setFiles((current) => current.map((file) => (file.key === key ? { ...file, ...patch } : file)));
  }, []);

  const add = (chosen: File[]) => {
    const room = Math.max(0, max - files.length);
    setOverLimit(chosen.length > room);
    for (const file of chosen.slice(0, room)) {
      const key = crypto.randomUUID();
      const controller = new AbortController();
      uploads.current.set(key, controller);
      const entry: ComposerFile = {
        key,
        name: file.name || "file",
        size: file.size,
        type: file.type,
        status: "uploading",
        progress: 0,
      };
      setFiles((current) => [...current, entry]);
      uploadAttachment(file, {
        signal: controller.signal,
        onProgress: (progress) => change(key, { progress }),
      })
        .then((upload) => change(key, { status: "ready", progress: 1, upload }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) change(key, { status: "failed", error });
        })
        .finally(() => uploads.current.delete(key));
    }
  };

  const remove = (key: string) => {
    const file = files.find((item) => item.key === key);
    uploads.current.get(key)?.abort();
    if (file?.upload) void discardAttachment(file.upload.id).catch(() => {});
    setFiles((current) => current.filter((item) => item.key !== key));
    setOverLimit(false);
  };

  return {
    files,
    overLimit,
    add,
    remove,
    /** After sending: the files now belong to the message. */
    clear: () => {
      setFiles([]);
      setOverLimit(false);
    },
    ids: files.flatMap((file) => (file.upload ? [file.upload.id] : [])),
    uploading: files.some((file) => file.status === "uploading"),
    failed: files.some((file) => file.status === "failed"),
  };
}

export type ComposerAttachments = ReturnType<typeof useComposerAttachments>;

/** Files dropped on the composer or pasted in it (screenshots), when attaching is allowed. */
export function useFileDrop(enabled: boolean, onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  return {
    dragging,
    dropProps: {
      onDragOver: (event: DragEvent) => {
        if (!enabled || !carriesFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      },
      onDragLeave: (event: DragEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (event: DragEvent) => {
        setDragging(false);
        if (!enabled || event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        onFiles([...event.dataTransfer.files]);
      },
    },
    onPaste: (event: ClipboardEvent) => {
      if (!enabled || event.clipboardData.files.length === 0) return;
      event.preventDefault();
      onFiles([...event.clipboardData.files]);
    },
  };
}

interface AttachButtonProps {
  /** Why files cannot go with this reply (the channel cannot carry them); null when they can. */
  disabledReason: string | null;
  onFiles: (files: File[]) => void;
}

/** The paperclip: opens the file chooser, or says why this channel takes no files. */
export function AttachButton({ disabledReason, onFiles }: AttachButtonProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const disabled = disabledReason !== null;
  return (
    <>
      <Tooltip label={disabledReason ?? t("attachments.attach")} multiline maw={260}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t("attachments.attach")}
          aria-disabled={disabled || undefined}
          data-disabled={disabled || undefined}
          onClick={(event) => {
            if (disabled) event.preventDefault();
            else input.current?.click();
          }}
          data-testid="attach"
        >
          <IconPaperclip size={17} />
        </ActionIcon>
      </Tooltip>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const chosen = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          if (chosen.length > 0) onFiles(chosen);
        }}
      />
    </>
  );
}

function errorLabel(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    const id = error.status === 0 ? "network" : error.id;
    if (KNOWN_ERRORS.has(id)) return t(`attachments.errors.${id}`);
  }
  return t("attachments.errors.failed");
}

interface AttachmentChipsProps {
  attachments: ComposerAttachments;
  locale: string;
  /** Shown under the chips when the files cannot go with this reply. */
  refusal: string | null;
  max: number;
}

/** The composer's files as chips: name, size, progress or error, and a remove button. */
export function AttachmentChips({ attachments, locale, refusal, max }: AttachmentChipsProps) {
  const { t } = useTranslation();
  const { files } = attachments;
  if (files.length === 0 && !attachments.overLimit) return null;
  return (
    <div className="rl-composer-files" data-testid="composer-files">
      <Group gap={6} wrap="wrap">
        {files.map((file) => {
          const failed = file.status === "failed";
          const Icon = failed
            ? IconAlertTriangle
            : file.type.startsWith("image/")
              ? IconPhoto
              : IconFile;
          const detail = failed
            ? errorLabel(file.error, t)
            : file.status === "uploading"
              ? `${Math.round(file.progress * 100)} %`
              : formatBytes(file.size, locale);
          return (
            <Tooltip
              key={file.key}
              label={file.error instanceof Error ? file.error.message : file.name}
              multiline
              maw={320}
            >
              <div
                className="rl-file-chip"
                data-status={file.status}
                data-testid="composer-file"
                data-filename={file.name}
              >
                <Icon size={14} className="rl-file-chip-icon" />
                <Text size="xs" truncate="end" className="rl-file-chip-name">
                  {file.name}
                </Text>
                <Text size="xs" c={failed ? "red.7" : "dimmed"} className="rl-file-chip-detail">
                  {detail}
                </Text>
                <CloseButton
                  size="xs"
                  onClick={() => attachments.remove(file.key)}
                  aria-label={t("attachments.remove", { name: file.name })}
                  data-testid="composer-file-remove"
                />
                {file.status === "uploading" && (
                  <Progress
                    value={file.progress * 100}
                    size={2}
                    className="rl-file-chip-progress"
                    aria-label={t("attachments.uploading", { name: file.name })}
                  />
                )}
              </div>
            </Tooltip>
          );
        })}
      </Group>
      {attachments.overLimit && (
        <Text size="xs" c="orange.8" mt={4}>
          {t("attachments.tooMany", { max })}
        </Text>
      )}
      {refusal && files.length > 0 && (
        <Text size="xs" c="red.7" mt={4} data-testid="composer-files-refused">
          {refusal}
        </Text>
      )}
    </div>
  );
}
