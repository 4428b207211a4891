import { useEffect, useState } from 'react';
import { Anchor, Box, Button, Center, Group, Image, Loader, Modal, Paper, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../conversation.api';
import { attachmentKind, formatBytes } from '../pane-format';
import { DownloadIcon, FileIcon } from '../icons';

/** An attachment previewed by type: image thumbnails open full size, audio and video play, PDFs open in a viewer, the rest download. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const kind = attachmentKind(attachment.contentType, attachment.filename);
  if (kind === 'image') return <ImageAttachment attachment={attachment} />;
  if (kind === 'audio') return <audio controls preload="metadata" src={attachment.url} style={{ maxWidth: '100%', display: 'block' }} aria-label={attachment.filename} />;
  if (kind === 'video') {
    return <video controls preload="metadata" src={attachment.url} style={{ maxWidth: '100%', maxHeight: 280, display: 'block', borderRadius: 8 }} aria-label={attachment.filename} />;
  }
  return <FileAttachment attachment={attachment} pdf={kind === 'pdf'} />;
}

function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <UnstyledButton onClick={open} aria-label={t('conversation.attachments.openImage', { name: attachment.filename })} style={{ display: 'block' }}>
        <Image src={attachment.url} alt={attachment.filename} loading="lazy" radius="sm" maw={240} mah={240} fit="contain" style={{ width: 'auto' }} />
      </UnstyledButton>
      <Modal opened={opened} onClose={close} title={attachment.filename} size="auto" centered>
        <Image src={attachment.url} alt={attachment.filename} fit="contain" style={{ maxWidth: '85vw', maxHeight: '78vh' }} />
        <Group justify="flex-end" mt="sm">
          <Button component="a" href={attachment.url} download={attachment.filename} variant="default" size="xs" leftSection={<DownloadIcon size={14} />}>
            {t('conversation.attachments.download')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

function FileAttachment({ attachment, pdf }: { attachment: Attachment; pdf: boolean }) {
  const { t, i18n } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Paper withBorder radius="sm" px="sm" py={6} maw={320} bg="var(--mantine-color-body)">
      <Group gap="xs" wrap="nowrap">
        <FileIcon size={20} />
        <Box miw={0} style={{ flex: 1 }}>
          <Text size="sm" truncate title={attachment.filename}>
            {attachment.filename}
          </Text>
          <Text size="xs" c="dimmed">
            {formatBytes(attachment.size, i18n.resolvedLanguage ?? 'es')}
          </Text>
        </Box>
        {pdf && (
          <Button size="compact-xs" variant="light" onClick={open}>
            {t('conversation.attachments.view')}
          </Button>
        )}
        <Anchor href={attachment.url} download={attachment.filename} aria-label={t('conversation.attachments.downloadNamed', { name: attachment.filename })}>
          <DownloadIcon size={16} />
        </Anchor>
      </Group>
      {pdf && (
        <Modal opened={opened} onClose={close} title={attachment.filename} size="80rem" centered>
          {opened && <PdfViewer url={attachment.url} />}
        </Modal>
      )}
    </Paper>
  );
}

/**
 * Files are served as downloads (Content-Disposition: attachment) so they never run on our origin;
 * the PDF is fetched and shown from a blob URL typed application/pdf, which the browser's viewer opens.
 */
function PdfViewer({ url }: { url: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ src: string } | 'loading' | 'error'>('loading');
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetch(url, { credentials: 'same-origin', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = new Blob([await response.arrayBuffer()], { type: 'application/pdf' });
        objectUrl = URL.createObjectURL(blob);
        setState({ src: objectUrl });
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setState('error');
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  if (state === 'loading') {
    return (
      <Center h={200}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (state === 'error') return <Text c="red">{t('conversation.attachments.previewFailed')}</Text>;
  return <iframe src={state.src} title={t('conversation.attachments.pdfViewer')} style={{ width: '100%', height: '75vh', border: 0 }} />;
}
