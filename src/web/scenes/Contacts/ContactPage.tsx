import { SimpleGrid, Skeleton, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CustomerInsight } from "../../components/customer/CustomerInsight.tsx";
import { ErrorState } from "../../components/ErrorState.tsx";
import { useContact } from "../../hooks/api/contacts.ts";
import { currentLocale } from "../../i18n/index.ts";
import { useNow } from "../../lib/useNow.ts";
import { ContactHeader } from "./ContactHeader.tsx";
import { ContactConversations, ContactNotes, IdentityList, Section } from "./ContactSections.tsx";
import { MergeContactModal } from "./MergeContactModal.tsx";

interface ContactPageProps {
  id: string;
  /** Where a contact's page is, keeping the list's search. */
  linkTo: (id: string) => string;
}

/** One customer: identities on every channel, all their conversations, notes, and merging. */
export function ContactPage({ id, linkTo }: ContactPageProps) {
  const { t } = useTranslation();
  const contact = useContact(id);
  const navigate = useNavigate();
  const [merging, merge] = useDisclosure(false);
  const now = useNow();
  const locale = currentLocale();

  if (contact.isPending) {
    return (
      <div className="rl-contact-page">
        <Skeleton height={52} circle mb="md" />
        <Skeleton height={18} width="40%" mb={8} />
        <Skeleton height={14} width="25%" />
      </div>
    );
  }
  if (contact.isError) {
    return (
      <div className="rl-contact-page">
        <ErrorState error={contact.error} onRetry={() => contact.refetch()} />
      </div>
    );
  }
  const data = contact.data;
  return (
    <div className="rl-contact-page" data-testid="contact-page" data-contact-id={data.id}>
      <ContactHeader contact={data} onMerge={merge.open} />
      <SimpleGrid
        type="container"
        cols={{ base: 1, "860px": 2 }}
        spacing="md"
        verticalSpacing="md"
        style={{ alignItems: "start" }}
      >
        <Stack gap="md">
          <Section title={t("contacts.identities")} testId="contact-identities">
            <IdentityList identities={data.identities} locale={locale} />
          </Section>
          <Section title={t("customer.notes")}>
            <ContactNotes contactId={data.id} notes={data.notes} />
          </Section>
          <CustomerInsight contactId={data.id} />
        </Stack>
        <Section
          title={t("contacts.conversations")}
          count={data.conversations.length}
          testId="contact-conversations"
        >
          <ContactConversations conversations={data.conversations} now={now} locale={locale} />
        </Section>
      </SimpleGrid>
      {merging && (
        <MergeContactModal
          contact={data}
          onClose={merge.close}
          onMerged={(merged) => {
            merge.close();
            if (merged.id !== data.id) navigate(linkTo(merged.id), { replace: true });
          }}
        />
      )}
    </div>
  );
}
