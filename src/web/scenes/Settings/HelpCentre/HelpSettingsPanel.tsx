import {
  ActionIcon,
  Button,
  ColorInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SOCIAL_KINDS, type THelpCentre } from "../../../../shared/articles.ts";
import { useHelpCentre, useSaveHelpCentre } from "../../../hooks/api/articles.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

function SettingsForm({ centre }: { centre: THelpCentre }) {
  const { t } = useTranslation();
  const save = useSaveHelpCentre();
  const [name, setName] = useState(centre.name ?? "");
  const [colour, setColour] = useState(centre.primaryColour);
  const [logoUrl, setLogoUrl] = useState(centre.logoUrl ?? "");
  const [email, setEmail] = useState(centre.email ?? "");
  const [phone, setPhone] = useState(centre.phone ?? "");
  const [show, setShow] = useState({
    showChat: centre.showChat,
    showEmail: centre.showEmail,
    showPhone: centre.showPhone,
    showSocial: centre.showSocial,
  });
  const [social, setSocial] = useState(() =>
    centre.social.map((link) => ({ ...link, key: crypto.randomUUID() })),
  );
  const toggle = (key: keyof typeof show) => (
    <Switch
      label={t(`helpCentre.settings.${key}`)}
      checked={show[key]}
      onChange={(event) => setShow({ ...show, [key]: event.currentTarget.checked })}
      data-testid={`help-${key}`}
    />
  );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            name: name.trim() || null,
            primaryColour: colour,
            logoUrl: logoUrl.trim() || null,
            email: email.trim() || null,
            phone: phone.trim() || null,
            social: social
              .filter((link) => link.url.trim())
              .map(({ kind, url }) => ({ kind, url: url.trim() })),
            ...show,
          },
          { onSuccess: () => notifySuccess(t("helpCentre.settings.saved")), onError: notifyError },
        );
      }}
    >
      <Stack gap="sm" maw={720} data-testid="help-settings">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("helpCentre.settings.name")}
            description={t("helpCentre.settings.nameHelp")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={120}
            data-testid="help-name"
          />
          <ColorInput
            label={t("helpCentre.settings.colour")}
            value={colour}
            onChange={setColour}
            format="hex"
            swatches={["#1864ab", "#2b8a3e", "#c92a2a", "#5f3dc4", "#212529"]}
          />
          <TextInput
            label={t("helpCentre.settings.logo")}
            value={logoUrl}
            onChange={(e) => setLogoUrl(e.currentTarget.value)}
            type="url"
            placeholder="https://"
          />
        </SimpleGrid>
        <Title order={3} size="h5" mt="sm">
          {t("helpCentre.settings.contactTitle")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {toggle("showChat")}
          {toggle("showEmail")}
          {toggle("showPhone")}
          {toggle("showSocial")}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("helpCentre.settings.email")}
            description={t("helpCentre.settings.fromChannels")}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            type="email"
          />
          <TextInput
            label={t("helpCentre.settings.phone")}
            description={t("helpCentre.settings.fromChannels")}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            type="tel"
          />
        </SimpleGrid>
        <Title order={3} size="h5" mt="sm">
          {t("helpCentre.settings.social")}
        </Title>
        {social.map((link, index) => (
          <Group key={link.key} gap="xs" align="flex-end">
            <Select
              label={t("helpCentre.settings.socialKind")}
              data={SOCIAL_KINDS.map((kind) => ({
                value: kind,
                label: t(`helpCentre.social.${kind}`),
              }))}
              value={link.kind}
              onChange={(value) =>
                value &&
                setSocial(
                  social.map((l, i) => (i === index ? { ...l, kind: value as typeof l.kind } : l)),
                )
              }
              allowDeselect={false}
              w={180}
            />
            <TextInput
              label={t("helpCentre.settings.socialUrl")}
              value={link.url}
              onChange={(e) => {
                const url = e.currentTarget.value;
                setSocial(social.map((l, i) => (i === index ? { ...l, url } : l)));
              }}
              type="url"
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t("helpCentre.settings.socialRemove")}
              onClick={() => setSocial(social.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setSocial([...social, { kind: "x", url: "", key: crypto.randomUUID() }])}
          >
            {t("helpCentre.settings.socialAdd")}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="help-settings-save">
            {t("helpCentre.settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The help centre's name, colour, logo and which ways to reach a person its pages show. */
export function HelpSettingsPanel() {
  const centre = useHelpCentre();
  if (!centre.data) return null;
  return <SettingsForm centre={centre.data} />;
}
