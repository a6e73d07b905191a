/**
 * Whether this tenant has non-destructive Windows Hello PIN reset: the PIN reset apps consented and
 * an EnablePinRecovery policy present and assigned. `unknown` when the tenant could not be read.
 */
export type WindowsPinRecovery = 'ready' | 'notReady' | 'unknown';

/**
 * The answer the bot gives about a Windows 10/11 PC: the employee resets their Windows Hello PIN
 * themselves ("I forgot my PIN"), keeping their data when this says `ready`. Never throws.
 */
export interface PinRecoveryStatus {
  windowsPinRecovery(): Promise<'ready' | 'notReady' | 'unknown'>;
}
