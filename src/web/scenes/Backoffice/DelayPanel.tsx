import {
  Alert,
  Button,
  Group,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconCircleCheck, IconEye, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TDelay, TDelayPreviewRequest } from "../../../shared/backoffice.ts";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useAnnounceDelay, usePreviewDelay } from "../../hooks/api/backoffice.ts";
import { DelayPreview, SkippedOrders } from "./DelayPreview.tsx";

interface Form {
  sku: string;
  orderNumbers: string[];
  carrier: string;
  date: string;
  reason: string;
}

const EMPTY: Form = { sku: "", orderNumbers: [], carrier: "", date: "", reason: "" };

function requestOf(form: Form): TDelayPreviewRequest {
  return {
    ...(form.sku.trim() ? { sku: form.sku.trim() } : {}),
    ...(form.orderNumbers.length ? { orderNumbers: form.orderNumbers } : {}),
    ...(form.carrier.trim() ? { carrier: form.carrier.trim() } : {}),
    newExpectedDelivery: form.date,
    reason: form.reason.trim(),
  };
}

function DelayResult({ delay, onAgain }: { delay: TDelay; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="delay-result">
      <Alert
        variant="light"
        color="teal"
        icon={<IconCircleCheck size={18} aria-hidden />}
        role="status"
        title={t("backoffice.delay.sent")}
      >
        <Text size="sm" data-testid="delay-result-counts">
          {t("backoffice.delay.ordersAffected", { count: delay.affectedOrders })} ·{" "}
          {t("backoffice.delay.told", { count: delay.notified })}
        </Text>
      </Alert>
      <SkippedOrders skipped={delay.skipped} />
      <Group>
        <Button variant="default" onClick={onAgain}>
          {t("backoffice.delay.another")}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Announce a delay: name what is late (a SKU, order numbers, a carrier — all given must match),
 * the new date and why; preview who will be told and the message in each language, built by the
 * very code that sends; then send, once (the key is drawn per preview).
 */
export function DelayPanel() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(EMPTY);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const preview = usePreviewDelay();
  const announce = useAnnounceDelay();
  const named = Boolean(form.sku.trim() || form.orderNumbers.length || form.carrier.trim());
  const ready = named && /^\d{4}-\d{2}-\d{2}$/.test(form.date) && form.reason.trim().length > 0;
  const change = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    preview.reset();
  };

  if (announce.data) {
    return (
      <DelayResult
        delay={announce.data}
        onAgain={() => {
          announce.reset();
          preview.reset();
          setForm(EMPTY);
          setKey(crypto.randomUUID());
        }}
      />
    );
  }
  const recipients = preview.data?.recipients.length ?? 0;
  return (
    <Stack gap="lg" data-testid="delay-panel">
      <Text size="sm" c="dimmed">
        {t("backoffice.delay.help")}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready)
            preview.mutate(requestOf(form), { onSuccess: () => setKey(crypto.randomUUID()) });
        }}
      >
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput
              label={t("backoffice.delay.sku")}
              value={form.sku}
              onChange={(event) => change({ sku: event.currentTarget.value })}
              data-testid="delay-sku"
            />
            <TagsInput
              label={t("backoffice.delay.orderNumbers")}
              description={t("backoffice.delay.orderNumbersHelp")}
              value={form.orderNumbers}
              onChange={(orderNumbers) => change({ orderNumbers })}
              splitChars={[",", " ", ";"]}
              clearable
              data-testid="delay-orders"
            />
            <TextInput
              label={t("backoffice.delay.carrier")}
              value={form.carrier}
              onChange={(event) => change({ carrier: event.currentTarget.value })}
              data-testid="delay-carrier"
            />
          </SimpleGrid>
          {!named && (
            <Text size="xs" c="dimmed">
              {t("backoffice.delay.nameOne")}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput
              type="date"
              label={t("backoffice.delay.date")}
              value={form.date}
              onChange={(event) => change({ date: event.currentTarget.value })}
              required
              data-testid="delay-date"
            />
            <Textarea
              label={t("backoffice.delay.reason")}
              description={t("backoffice.delay.reasonHelp")}
              value={form.reason}
              onChange={(event) => change({ reason: event.currentTarget.value })}
              required
              autosize
              minRows={1}
              maxLength={500}
              style={{ gridColumn: "span 2" }}
              data-testid="delay-reason"
            />
          </SimpleGrid>
          <Group>
            <Button
              type="submit"
              variant="default"
              leftSection={<IconEye size={16} aria-hidden />}
              disabled={!ready}
              loading={preview.isPending}
              data-testid="delay-preview-button"
            >
              {t("backoffice.delay.preview")}
            </Button>
          </Group>
        </Stack>
      </form>
      {preview.error && <ErrorState error={preview.error} />}
      {preview.data && (
        <>
          <DelayPreview preview={preview.data} />
          {announce.error && <ErrorState error={announce.error} />}
          <Group>
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              disabled={recipients === 0 && preview.data.affectedOrders === 0}
              loading={announce.isPending}
              data-testid="delay-send"
              onClick={() => announce.mutate({ ...requestOf(form), idempotencyKey: key })}
            >
              {t("backoffice.delay.send", { count: recipients })}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
