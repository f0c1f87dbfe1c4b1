import {
  siGithub,
  siGooglecalendar,
  siHubspot,
  siMailgun,
  siPaypal,
  siQuickbooks,
  siRazorpay,
  siSage,
  siShopify,
  siSquare,
  siStripe,
  siVonage,
  siXero,
  siZendesk,
} from "simple-icons";

/**
 * Brand marks from the simple-icons package (CC0), bundled at build time: nothing is fetched at run
 * time. Providers it has no mark for (some brands asked to be removed) keep their monogram.
 */
export const PROVIDER_LOGOS: Partial<Record<string, { path: string; hex: string }>> = {
  stripe: siStripe,
  razorpay: siRazorpay,
  paypal: siPaypal,
  square: siSquare,
  github: siGithub,
  shopify: siShopify,
  zendesk: siZendesk,
  quickbooks: siQuickbooks,
  xero: siXero,
  sage: siSage,
  hubspot: siHubspot,
  google_calendar: siGooglecalendar,
  vonage: siVonage,
  mailgun: siMailgun,
};
