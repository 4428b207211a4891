import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { randomToken } from '../../platform/crypto/secret-box.js';
import { claimsAllowed, identityHashMatches, issueVisitorToken, readVisitorToken, type VisitorClaims } from '../channels/webchat/visitor-token.js';
import type { ContactRow } from '../contacts/contacts.repo.js';
import type { PrechatField } from '../channels/webchat/webchat-settings.js';
import { visitorDisplayName } from '../channels/webchat/webchat.adapter.js';
import { usableChannel, type Visitor, type WebchatChannel, type WidgetChannels } from './widget-visitor.js';
import { ensureVisitorContact, visitorContact, visitorContactDto } from './visitor-contact.js';
import { isWithinBusinessHours } from './business-hours.js';
import type { SessionInput } from './widget.schemas.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Opens (or resumes) a visitor's session from the embed snippet's public token. Who the visitor is:
 * - the site's signed-in user, when the site passes one (`user.id`); with identity verification on, only with
 *   `user.hash` = HMAC-SHA256(identity secret, user.id) in hex, else 401;
 * - else the visitor of the token the widget kept in localStorage (continuity across visits), unless it was a
 *   site user's (they signed out of the site: the next person on this browser must not read their chat);
 * - else a new anonymous visitor with a random id.
 * Nothing is stored for an anonymous visitor until they write or fill the pre-chat form.
 */
export async function startSession(ctx: AppContext, channels: WidgetChannels, input: SessionInput, headers: Headers) {
  const channel = usableChannel(await channels.byPublicToken(input.channel), headers);
  const claims = visitorClaims(channel, input);
  const visitor: Visitor = { channel, claims };
  const contact = input.user && (input.user.name || input.user.email)
    ? await ensureVisitorContact(ctx, visitor, { name: input.user.name, email: input.user.email })
    : await visitorContact(ctx, visitor);
  const { settings } = channel;
  const open = isWithinBusinessHours(settings.businessHours, ctx.clock.now());
  return {
    visitorId: claims.visitorId,
    visitorToken: issueVisitorToken(channel.secrets!.tokenSecret, claims),
    channel: {
      name: channel.name,
      greeting: settings.greeting,
      color: settings.color,
      position: settings.position,
      open,
      prechat: settings.prechat,
      // Campaigns held to business hours are left out while closed; the loader matches URL and time on page.
      campaigns: settings.campaigns.filter((c) => c.enabled && (open || !c.businessHoursOnly)).map(({ id, message, urlPattern, secondsOnPage }) => ({ id, message, urlPattern, secondsOnPage })),
    },
    contact: visitorContactDto(contact),
    prechatNeeded: settings.prechat.enabled && !prechatSatisfied(settings.prechat.fields, contact, claims.visitorId),
  };
}

function visitorClaims(channel: WebchatChannel, input: SessionInput): VisitorClaims {
  const secrets = channel.secrets ?? {};
  if (input.user) {
    const verified = identityHashMatches(secrets.identitySecret, input.user.id, input.user.hash);
    if (channel.settings.identityVerification && !verified) {
      throw new AppError(ErrorCode.Unauthenticated, 401, 'Invalid body.user.hash: identity verification is on; send HMAC-SHA256(identity secret, user.id) in hex', [{ field: 'body.user.hash', message: 'does not match' }]);
    }
    return { channelId: channel.id, visitorId: `id:${input.user.id}`, kind: verified ? 'verified' : 'id' };
  }
  const kept = input.visitorToken ? readVisitorToken(secrets.tokenSecret, input.visitorToken) : null;
  if (kept && kept.kind === 'anon' && claimsAllowed(kept, channel)) return kept;
  return { channelId: channel.id, visitorId: `anon:${randomToken(16)}`, kind: 'anon' };
}

/** The form was filled when the contact exists and holds every required field. */
function prechatSatisfied(fields: PrechatField[], contact: ContactRow | null, visitorId: string): boolean {
  if (!contact) return false;
  return fields.every((f) => {
    if (!f.required) return true;
    // The placeholder name given to a visitor who wrote before the form existed is not their name.
    if (f.key === 'name') return !!contact.name && contact.name !== visitorDisplayName(visitorId);
    const value = f.key === 'email' || f.key === 'phone' ? contact[f.key] : (contact.customFields as Record<string, unknown>)[f.key];
    return value !== null && value !== undefined && value !== '';
  });
}
