/** The mails of the people side, in the recipient's language (Spanish first). */
type Lang = 'es' | 'en';
const lang = (l: string | null | undefined): Lang => (l === 'en' ? 'en' : 'es');

export function invitationMail(language: string, v: { workspaceName: string; inviterName: string | null; url: string; expiresAt: Date }) {
  const by = v.inviterName ?? (lang(language) === 'en' ? 'An administrator' : 'Un administrador');
  if (lang(language) === 'en') {
    return {
      subject: `You are invited to ${v.workspaceName} on Atiende`,
      text: `${by} invited you to join ${v.workspaceName} on Atiende.\n\nAccept the invitation: ${v.url}\n\nThe link works until ${v.expiresAt.toUTCString()}.`,
    };
  }
  return {
    subject: `Te invitaron a ${v.workspaceName} en Atiende`,
    text: `${by} te invitó a unirte a ${v.workspaceName} en Atiende.\n\nAcepta la invitación: ${v.url}\n\nEl enlace vale hasta el ${v.expiresAt.toUTCString()}.`,
  };
}

export function passwordResetMail(language: string, v: { url: string }) {
  if (lang(language) === 'en') {
    return {
      subject: 'Reset your Atiende password',
      text: `Someone asked to reset the password of your Atiende account.\n\nChoose a new password: ${v.url}\n\nThe link works for one hour and only once. If you did not ask for it, ignore this mail.`,
    };
  }
  return {
    subject: 'Restablece tu contraseña de Atiende',
    text: `Alguien pidió restablecer la contraseña de tu cuenta de Atiende.\n\nElige una contraseña nueva: ${v.url}\n\nEl enlace vale una hora y una sola vez. Si no lo pediste, ignora este correo.`,
  };
}
