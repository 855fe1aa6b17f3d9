import { loadMunicipalities, type Municipalities } from './municipalities';
import { ProfileMaker } from './profiles';

/** What every part of the generator draws from: the seed and the reference data it spreads over. */
export interface DemoContext {
  seed: number;
  profiles: ProfileMaker;
  municipalities: Municipalities;
}

export function demoContext(seed: number): DemoContext {
  return { seed, profiles: new ProfileMaker(), municipalities: loadMunicipalities() };
}
