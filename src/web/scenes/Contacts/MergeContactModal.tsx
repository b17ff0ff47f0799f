import {
  Alert,
  Avatar,
  Button,
  Group,
  List,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import { IconArrowMerge, IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TContactListItem } from "../../../shared/contacts.ts";
import type { TIdentity } from "../../../shared/schemas.ts";
import { type ContactDetail, useMergeContacts } from "../../hooks/api/contacts.ts";
import { notifyError, notifySuccess } from "../../lib/notify.ts";
import { colorFor, initials } from "../../lib/people.ts";
import { ContactPicker } from "./ContactPicker.tsx";
import { IdentityIcons } from "./IdentityIcons.tsx";
import { contactName, conversationCount } from "./labels.ts";
import "./contacts.css";

interface Side {
  id: string;
  name: string;
  reach: string | null;
  identities: TIdentity[];
  conversations: number;
}

function KeepCard({ side, value }: { side: Side; value: string }) {
  const { t } = useTranslation();
  return (
    <Radio.Card value={value} radius="md" p="sm" className="rl-merge-card" data-keep={value}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Radio.Indicator mt={2} />
        <Avatar size={32} radius="xl" color={colorFor(side.id)} variant="light">
          {initials(side.name)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} className="rl-wrap" lineClamp={2}>
            {side.name}
          </Text>
          {side.reach && (
            <Text size="xs" c="dimmed" truncate="end">
              {side.reach}
            </Text>
          )}
          <Group gap={8} mt={4} wrap="nowrap">
            <IdentityIcons identities={side.identities} size={13} />
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              {conversationCount(t, side.conversations)}
            </Text>
          </Group>
        </div>
      </Group>
    </Radio.Card>
  );
}

interface MergeContactModalProps {
  /** The contact the agent is looking at; kept by default. */
  contact: ContactDetail;
  onClose: () => void;
  /** Called with the merged record (the one kept). */
  onMerged: (merged: ContactDetail) => void;
}

/**
 * "Merge with…": pick the other record of the same person, choose which one to keep, read what
 * will happen, confirm. The same dialog serves the contacts screen and the conversation's panel.
 */
export function MergeContactModal({ contact, onClose, onMerged }: MergeContactModalProps) {
  const { t } = useTranslation();
  const mergeContacts = useMergeContacts();
  const [other, setOther] = useState<TContactListItem | null>(null);
  const [keep, setKeep] = useState<"current" | "other">("current");
  const unknown = t("contact.unknown");
  const side = (
    value: Pick<ContactDetail, "id" | "name" | "email" | "phone" | "identities">,
    conversations: number,
  ): Side => {
    const name = contactName(value, unknown);
    const reach = value.email ?? value.phone;
    return {
      id: value.id,
      name,
      reach: reach && reach !== name ? reach : null,
      identities: value.identities,
      conversations,
    };
  };
  const current = side(contact, contact.conversations.length);
  const picked = other ? side(other, other.conversationCount) : null;
  const [target, source] = keep === "current" ? [current, picked] : [picked, current];

  const submit = () => {
    if (!target || !source) return;
    mergeContacts.mutate(
      { targetId: target.id, sourceId: source.id },
      {
        onSuccess: (merged) => {
          notifySuccess(t("contacts.merge.done", { name: contactName(merged, unknown) }));
          onMerged(merged);
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={600}>{t("contacts.merge.title")}</Text>}
      size="lg"
      centered
    >
      <Stack gap="md" data-testid="merge-dialog">
        <Text size="sm" className="rl-wrap">
          {t("contacts.merge.intro", { name: current.name })}
        </Text>
        <ContactPicker excludeId={contact.id} value={other} onChange={setOther} />
        {picked && target && source && (
          <>
            <Radio.Group
              label={t("contacts.merge.keep")}
              description={t("contacts.merge.keepHelp")}
              value={keep}
              onChange={(value) => setKeep(value === "other" ? "other" : "current")}
            >
              <SimpleGrid cols={2} spacing="sm" mt={8}>
                <KeepCard side={current} value="current" />
                <KeepCard side={picked} value="other" />
              </SimpleGrid>
            </Radio.Group>
            <Alert
              variant="light"
              color="orange"
              icon={<IconInfoCircle size={18} />}
              title={t("contacts.merge.explainTitle")}
              data-testid="merge-explain"
            >
              <List size="sm" spacing={4} className="rl-wrap">
                <List.Item>
                  {t("contacts.merge.explainMove", { source: source.name, target: target.name })}
                </List.Item>
                <List.Item>
                  {t("contacts.merge.explainFields", { source: source.name, target: target.name })}
                </List.Item>
                <List.Item>{t("contacts.merge.explainDelete", { source: source.name })}</List.Item>
              </List>
            </Alert>
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button
            color="red"
            leftSection={<IconArrowMerge size={16} />}
            disabled={!picked}
            loading={mergeContacts.isPending}
            onClick={submit}
            data-testid="merge-confirm"
          >
            {t("contacts.merge.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
