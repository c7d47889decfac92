/** A wave's status at an instant, from its (municipality's) opening and closing times. */
export type WaveStatus = 'scheduled' | 'open' | 'closed';

export function waveStatus(dates: { opensAt: Date; closesAt: Date }, now: Date): WaveStatus {
  if (now.getTime() < dates.opensAt.getTime()) return 'scheduled';
  if (now.getTime() >= dates.closesAt.getTime()) return 'closed';
  return 'open';
}
