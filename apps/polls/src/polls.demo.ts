import type { ResultsVisibility } from '@app/contracts';

export interface DemoPoll {
  id: string;
  question: string;
  placement: string;
  resultsVisibility: ResultsVisibility;
  opensAt: Date;
  closesAt: Date | null;
  options: { id: string; text: string; votes: number }[];
}

const DAY = 24 * 60 * 60 * 1000;

/** Demo content: a sidebar poll that is open now and two closed ones for the archive. */
export function demoPolls(now: Date): DemoPoll[] {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  return [
    {
      id: '7c1e0d3a-5b2f-4c6e-9a10-000000000001',
      question: 'Что больше всего мешает выбраться на выходные в горы рядом с городом?',
      placement: 'sidebar',
      resultsVisibility: 'always',
      opensAt: daysAgo(3),
      closesAt: null,
      options: [
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000101', text: 'Пробки на дороге к ущельям', votes: 131 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000102', text: 'Мусор на тропах и у рек', votes: 97 },
        {
          id: '7c1e0d3a-5b2f-4c6e-9a10-000000000103',
          text: 'Негде оставить машину у входа в парк',
          votes: 58,
        },
        {
          id: '7c1e0d3a-5b2f-4c6e-9a10-000000000104',
          text: 'Мало указателей и размеченных маршрутов',
          votes: 44,
        },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000105', text: 'Дорогое жильё в гостевых домах', votes: 29 },
        {
          id: '7c1e0d3a-5b2f-4c6e-9a10-000000000106',
          text: 'Ничего не мешает — езжу каждую неделю',
          votes: 17,
        },
      ],
    },
    {
      id: '7c1e0d3a-5b2f-4c6e-9a10-000000000002',
      question: 'Ездите ли вы на новых электробусах городских маршрутов?',
      placement: 'sidebar',
      resultsVisibility: 'always',
      opensAt: daysAgo(34),
      closesAt: daysAgo(20),
      options: [
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000201', text: 'Да, каждый день', votes: 212 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000202', text: 'Иногда, когда подходит по времени', votes: 143 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000203', text: 'Нет, на моём маршруте их ещё нет', votes: 96 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000204', text: 'Предпочитаю маршрутку', votes: 61 },
      ],
    },
    {
      id: '7c1e0d3a-5b2f-4c6e-9a10-000000000003',
      question: 'Поедете ли вы поездом к соседям, когда откроют новую железную дорогу через перевалы?',
      placement: 'sidebar',
      resultsVisibility: 'after_vote',
      opensAt: daysAgo(60),
      closesAt: daysAgo(45),
      options: [
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000301', text: 'Обязательно — это удобнее автобуса', votes: 88 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000302', text: 'Если билеты будут недорогими', votes: 120 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000303', text: 'Нет, мне привычнее самолёт', votes: 34 },
        { id: '7c1e0d3a-5b2f-4c6e-9a10-000000000304', text: 'Пока не решил', votes: 57 },
      ],
    },
  ];
}
