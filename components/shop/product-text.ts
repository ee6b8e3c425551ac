import type { I18n } from "@/components/i18n";

/**
 * A product's name and description in the Pioneer's language (messages `products.<id>`); the
 * catalog's own words if a fork has not written them yet (a test requires them for every product).
 */
export function productText(messages: I18n["messages"], product: { id: string; name: string; description?: string }) {
  const text = (messages.products as Record<string, { name: string; description: string } | undefined>)[product.id];
  return { name: text?.name ?? product.name, description: text?.description ?? product.description ?? "" };
}
