import { Center, EmptyState } from "@mantine/core";
import { IconAddressBook } from "@tabler/icons-react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ContactList } from "./ContactList.tsx";
import { ContactPage } from "./ContactPage.tsx";
import "./contacts.css";

function NoSelection() {
  const { t } = useTranslation();
  return (
    <Center className="rl-contact-page rl-contact-empty">
      <EmptyState
        icon={<IconAddressBook size={28} />}
        withIndicatorBackground
        title={t("contacts.selectTitle")}
        description={t("contacts.selectHelp")}
      />
    </Center>
  );
}

/**
 * /contacts/:contactId?q=…: every customer of the account, searchable, and one customer's record
 * across all channels beside the list.
 */
export function ContactsScene() {
  const { contactId } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const search = params.toString();
  const linkTo = useCallback(
    (id: string) => `/contacts/${id}${search ? `?${search}` : ""}`,
    [search],
  );
  const onSearch = useCallback(
    (next: string) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          if (next) copy.set("q", next);
          else copy.delete("q");
          return copy;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <div className="rl-contacts" data-testid="contacts-scene">
      <ContactList q={q} onSearch={onSearch} selectedId={contactId} linkTo={linkTo} />
      {contactId ? <ContactPage key={contactId} id={contactId} linkTo={linkTo} /> : <NoSelection />}
    </div>
  );
}
