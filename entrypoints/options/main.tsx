import { render } from 'preact';
import { OptionsPage } from '../../src/options/OptionsPage';

render(<OptionsPage />, document.getElementById('app')!);
